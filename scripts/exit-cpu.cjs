// Preloaded into a process the start-up benchmark runs (`node --require`): as it exits, prints its CPU time (user +
// system, every thread of it) on stderr, a last line `cpu seconds: 0.512`.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\ncpu seconds: ${((user + system) / 1e6).toFixed(3)}\n`);
});
