// Preloaded into a child process (`node --require`): as it exits, it prints on stderr every CommonJS module it loaded
// (discord.js, Bolt, pg, better-sqlite3 and their dependencies are CommonJS, imported or required alike).
process.on('exit', () => process.stderr.write(`loaded modules: ${JSON.stringify(Object.keys(require.cache))}\n`));
