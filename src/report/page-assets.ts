import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The page's own script and styles (shipped beside this file) and the bundled ECharts build. */
export function pageAssets(): { app: string; style: string; echarts: string } {
  return {
    app: readFileSync(new URL('./page/app.js', import.meta.url), 'utf8'),
    style: readFileSync(new URL('./page/style.css', import.meta.url), 'utf8'),
    echarts: readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8'),
  };
}

/** JSON that is safe inside an inline <script>: no `</script>`, no `<!--`, no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A script's text made safe for inlining (a literal `</script` would end the element early). */
export function inlineScript(code: string): string {
  return code.replace(/<\/script/gi, '<\\/script');
}

/** The page shell shared by the report (embedded data) and the dashboard (live data). */
export function pageHtml(title: string, boot: unknown): string {
  const { app, style, echarts } = pageAssets();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'">
<title>${title.replace(/[<>&]/g, '')}</title>
<style>${style}</style>
</head>
<body>
<div id="app"></div>
<script>window.RICEGRADE = ${scriptJson(boot)};</script>
<script>${inlineScript(echarts)}</script>
<script>${inlineScript(app)}</script>
</body>
</html>
`;
}
