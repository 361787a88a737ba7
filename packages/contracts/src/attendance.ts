import { z } from 'zod';
import { Mobile } from './common';

export const CheckinCode = z.object({ token: z.string(), path: z.string(), expiresAt: z.string() });
export const CheckinCodeCreate = z.object({ hours: z.number().int().min(1).max(72).default(12) });
/** What an attendee sees before checking in: which activity, held by whom, when. */
export const CheckinInfo = z.object({ activity: z.string(), orgName: z.string(), occurredOn: z.string(), programName: z.string(), count: z.number().int() });
export const CheckinBody = z.object({ name: z.string().trim().min(2, { error: '请填写姓名' }).max(20), mobile: Mobile });
export const CheckinDone = z.object({ count: z.number().int(), already: z.boolean() });
export const Checkin = z.object({ id: z.number().int(), name: z.string(), mobile: z.string(), checkedInAt: z.string() });
export const CheckinList = z.object({ count: z.number().int(), items: z.array(Checkin) });
