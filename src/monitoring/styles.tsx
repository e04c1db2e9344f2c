/** The monitoring stylesheet, for a page's Layout head (charts, maps, progress bars, dashboards). */
export function MonitoringStyles() {
  return <link rel="stylesheet" href="/static/css/monitoring.css" />;
}
