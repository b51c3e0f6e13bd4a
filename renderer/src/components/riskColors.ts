// Tag colours of a risk level (an account's risk, a risk case's level): one scale everywhere.
export const RISK_COLORS: Record<string, string> = {
  high: 'red',
  medium: 'orange',
  low: 'gold',
  none: 'green',
};
