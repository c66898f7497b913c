/**
 * The one HTML page of the UI and its icon. The client renders everything inside #app and sets
 * `<html lang>` to the chosen language; before it runs the page speaks the default, Chinese.
 */

/** A chain of three links: the mark of the app, also served as the favicon. */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f3a5f"/><g fill="none" stroke="#fff" stroke-width="2.6"><circle cx="9" cy="16" r="4.5"/><circle cx="23" cy="16" r="4.5"/><path d="M13.5 16h5"/></g><circle cx="23" cy="16" r="2" fill="#f28b30"/></svg>`;

export function indexHtml(versions: { js: string; css: string }): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>linkage · 重点产业链协同</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.css?v=${versions.css}">
<script src="/assets/app.js?v=${versions.js}" defer></script>
</head>
<body>
<div id="app"><p class="boot">正在加载 linkage… / Loading linkage…</p></div>
<noscript><p class="boot">linkage 需要在浏览器中启用 JavaScript。 / linkage needs JavaScript to run in your browser.</p></noscript>
</body>
</html>
`;
}
