// Loaded into a process with NODE_OPTIONS=--import=<this file>: writes the process's CPU time
// (user + system) to stderr as it exits, so that bench analyzer can add up what `pnpm scenario`
// costs whatever else the machine is doing. Plain JavaScript: it loads before tsx does.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\n[cpu-ms] ${((user + system) / 1000).toFixed(1)}\n`);
});
