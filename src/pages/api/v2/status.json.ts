/** `/api/v2/status.json`, in Statuspage's shape (see src/lib/statuspage/documents.ts). */
import { apiRoute } from '../../../lib/statuspage/route.ts';

export const GET = apiRoute('status.json');
