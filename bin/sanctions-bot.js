#!/usr/bin/env node
// The `sanctions-bot` command: the command line, compiled (see launch.js).
import { launch } from './launch.js';

await launch('src/cli');
