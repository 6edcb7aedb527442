/**
 * Tag colours of the administration screens. antd's preset tag colours put text on a tint below WCAG AA contrast;
 * a hex colour makes a filled tag with white text, and these are dark enough for it (≥ 4.5:1). Meaning is always in
 * the tag's words too, never in the colour alone.
 */
export const TONE = {
  success: '#237804',
  info: '#0958d9',
  warning: '#ad4e00',
  error: '#a8071a',
  neutral: '#595959',
} as const;
