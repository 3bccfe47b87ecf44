/**
 * Hanweb (大汉) JCMS column pages do not put their list in the markup: the server writes it into
 * `<script type="text/xml"><datastore><recordset><record><![CDATA[<li>…</li>]]></record>…`, and a
 * script (jpage) renders it. Its paging endpoint (`/module/web/jpage/dataproxy.jsp`) answers with the
 * bare `<datastore>`. An HTML parser sees a script's text and CDATA sections as opaque, so the rows
 * would be invisible; this unwraps them into ordinary markup before the page is parsed.
 */

const XML_SCRIPT = /<script\b[^>]*\btype\s*=\s*["']?text\/xml["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
const RECORD = /<record>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/record>/gi;

/** The page with every datastore record's markup in place of its CDATA wrapper. */
export function unwrapDatastoreRecords(html: string): string {
  if (!/<datastore\b/i.test(html)) return html;
  const withoutScripts = html.replace(XML_SCRIPT, (whole, body: string) =>
    /<datastore\b/i.test(body) ? body : whole,
  );
  return withoutScripts.replace(RECORD, (_, markup: string) => markup);
}
