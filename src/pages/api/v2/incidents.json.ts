/** `/api/v2/incidents.json`, in Statuspage's shape (see src/lib/statuspage/documents.ts). */
import { apiRoute } from '../../../lib/statuspage/route.ts';

export const GET = apiRoute('incidents.json');
