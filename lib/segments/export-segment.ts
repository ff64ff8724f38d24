import type { Segment } from './load-segment.js';
import { csvHeader, csvRows, UTF8_BOM } from './members-csv.js';
import { listSegment } from './list-segment.js';
import type { WalkDeps } from './walk-segment.js';

/** The HTTP header an export page's cursor travels in (requests may send it back in it, or as `?cursor=`). */
export const EXPORT_CURSOR_HEADER = 'x-retain-cursor';

/** Rows per page: about a megabyte, well within a Lambda response (6 MB). */
export const EXPORT_PAGE_ROWS = 5000;

/**
 * A segment's customers as CSV, one page at a time: the first page (no cursor) starts with
 * the byte order mark and the header line, the next pages carry rows only — so the pages,
 * put one after the other, are one file.
 */
export const exportSegment = async (workspace: string, segment: Segment, cursorText: string | undefined, deps: WalkDeps): Promise<{ csv: string; cursor: string | null }> => {
  const page = await listSegment(workspace, segment, { cursor: cursorText, limit: EXPORT_PAGE_ROWS }, deps);
  return { csv: `${cursorText === undefined ? `${UTF8_BOM}${csvHeader()}` : ''}${csvRows(page.customers)}`, cursor: page.cursor };
};
