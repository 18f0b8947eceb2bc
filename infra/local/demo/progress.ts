/** A one-line progress bar on a terminal; plain milestones when it is not a TTY (CI logs).
 * On stderr: stdout carries the result (`--json` output must parse). */
export function progressBar(total: number, label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastPercent = -1;
  return (done: number, detail = '') => {
    const percent = Math.floor((100 * done) / total);
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round((width * done) / total);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${detail}  `);
      if (done === total) stream.write('\n');
    } else if (percent >= lastPercent + 25 || done === total) {
      stream.write(`${label} ${percent}% ${detail}\n`);
      lastPercent = percent;
    }
  };
}
