import type { ComponentChildren } from 'preact';

/** A bare document for printing: no navigation, header or footer, just the report (and its own head elements). */
export function PrintDocument({ title, head, mainClass, children }: { title: string; head?: ComponentChildren; mainClass?: string; children: ComponentChildren }) {
  return (
    <html lang="fa" dir="rtl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href="/static/css/site.css" />
        {head}
      </head>
      <body>
        <main id="main" class={mainClass ? `container ${mainClass}` : 'container'}>{children}</main>
      </body>
    </html>
  );
}
