// Debian's Chromium and the flags the design brief records (software GL through SwiftShader, no
// background networking). Shared by playwright.config.ts, the benchmark and the screenshot scripts.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
