/**
 * Preloaded into every server the API benchmark starts (`--import`): the
 * process exits when its stdin pipe closes, that is when the benchmark has
 * gone, even if it was killed without a chance to clean up.
 */
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
