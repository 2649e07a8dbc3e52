/** A share of runs in words: "off", "1 in 10 runs", "every run", "25 % of runs". */
export function shareInWords(percent: number): string {
  if (percent <= 0) return 'off';
  if (percent >= 100) return 'every run';
  const oneIn = 100 / percent;
  return Number.isInteger(oneIn) ? `1 in ${oneIn} runs` : `${percent} % of runs`;
}
