import { z } from 'zod';

export const SET_ASIDE_LIST_MAX = 1000;
const limitMessage = `must be a whole number from 1 to ${SET_ASIDE_LIST_MAX}`;

/** `GET /v1/set-aside?limit=&cursor=`. */
export const SetAsideListQuerySchema = z.object({
  limit: z.coerce.number({ error: limitMessage }).int(limitMessage).min(1, limitMessage).max(SET_ASIDE_LIST_MAX, `must be at most ${SET_ASIDE_LIST_MAX}: follow the cursor for more`).default(100),
  cursor: z.string().min(1, 'must not be empty: leave it out to start from the newest').optional(),
});

/** `POST /v1/set-aside/replay`: the ids of entries, as the list gives them. */
export const SetAsideReplaySchema = z.strictObject({
  ids: z.array(z.string().min(1).max(2048)).min(1, 'name at least one entry: the `id` of an entry of GET /v1/set-aside').max(100, 'at most 100 ids per request'),
});
