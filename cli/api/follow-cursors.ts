/** `path` with `cursor` as a query parameter (none for the first page). */
export const withCursor = (path: string, cursor: string | null) => (cursor === null ? path : `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`);

/**
 * The API's answers one after the other: each long operation answers with a cursor until it
 * is done. `onPage` may stop early by answering false; the last page is returned.
 */
export const followCursors = async <T extends { cursor: string | null }>(
  fetchPage: (cursor: string | null) => Promise<T>,
  onPage: (page: T) => boolean | void | Promise<void> = () => undefined,
): Promise<T> => {
  let page = await fetchPage(null);
  while ((await onPage(page)) !== false && page.cursor !== null) page = await fetchPage(page.cursor);
  return page;
};
