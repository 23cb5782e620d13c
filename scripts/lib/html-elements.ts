/**
 * Counting a page's elements, as the size of its DOM: what a browser must style and lay out
 * (Lighthouse warns past 800 in the body). Read with htmlparser2, the parser sanitize-html uses,
 * rather than by pattern, so that text or attributes never count as tags.
 */
import { Parser } from 'htmlparser2';

/** The number of elements in an HTML document. */
export function countElements(html: string): number {
  let count = 0;
  const parser = new Parser({
    onopentag: () => {
      count++;
    },
  });
  parser.write(html);
  parser.end();
  return count;
}
