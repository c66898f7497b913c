/** The one HTML page of the UI and its icon. The client renders everything inside #app. */

/** A chain of three links: the mark of the app, also served as the favicon. */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f3a5f"/><g fill="none" stroke="#fff" stroke-width="2.6"><circle cx="9" cy="16" r="4.5"/><circle cx="23" cy="16" r="4.5"/><path d="M13.5 16h5"/></g><circle cx="23" cy="16" r="2" fill="#f28b30"/></svg>`;

export function indexHtml(versions: { js: string; css: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>linkage · industrial chain coordination</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.css?v=${versions.css}">
<script src="/assets/app.js?v=${versions.js}" defer></script>
</head>
<body>
<div id="app"><p class="boot">Loading linkage…</p></div>
<noscript><p class="boot">linkage needs JavaScript to run in your browser.</p></noscript>
</body>
</html>
`;
}
