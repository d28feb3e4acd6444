// NO_COLOR (no-color.org) for the terminal UI: Ink's chalk ignores it, so colours are dropped
// here. Bold, dim and inverse (the cursor) are not colours and stay.
export const hue = (color: string | undefined): string | undefined => (process.env.NO_COLOR ? undefined : color);
