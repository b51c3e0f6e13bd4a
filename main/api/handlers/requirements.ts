// The requirements library (issue 16): thin handlers over main/requirements.
import type { z } from 'zod';
import type { requirementListSchema } from '../../../shared/api/requirements';
import type { Locale } from '../../../shared/i18n';
import {
  getRequirement,
  listRequirements,
  requirementsForAccount,
  similarRequirements,
} from '../../requirements/board';
import { requirementsWorkbook } from '../../requirements/exportXlsx';
import { readRequirementModel, saveRequirementModel } from '../../requirements/model';
import {
  addAsk,
  confirmSolution,
  createRequirement,
  mergeRequirements,
  setSolution,
  setStatus,
  tellCustomer,
  updateAsk,
  updateRequirement,
} from '../../requirements/write';
import type { BackendContext, Handler } from '../context';
import type { Actor } from '../identity';

type ListIn = z.output<typeof requirementListSchema>;

/** The writes take the actor before their input. */
function acting<I>(write: (ctx: BackendContext, actor: Actor, input: I) => unknown): Handler {
  return (ctx: BackendContext, input: I, actor: Actor) => write(ctx, actor, input);
}

export const requirementsHandlers: Record<string, Handler> = {
  'requirements.list': (ctx: BackendContext, input: ListIn) => listRequirements(ctx, input),
  'requirements.get': (ctx: BackendContext, input: { id: string; locale: Locale }) =>
    getRequirement(ctx, input),
  'requirements.similar': (
    ctx: BackendContext,
    input: { text: string; accountId?: string; limit: number },
  ) => similarRequirements(ctx, input),
  'requirements.create': acting(createRequirement),
  'requirements.addAsk': acting(addAsk),
  'requirements.updateAsk': acting(updateAsk),
  'requirements.update': acting(updateRequirement),
  'requirements.setStatus': acting(setStatus),
  'requirements.setSolution': acting(setSolution),
  'requirements.confirm': acting(confirmSolution),
  'requirements.tell': acting(tellCustomer),
  'requirements.merge': acting(mergeRequirements),
  'requirements.forAccount': (ctx: BackendContext, input: { accountId: string; locale: Locale }) =>
    requirementsForAccount(ctx, input),
  'requirements.model.get': (ctx: BackendContext) => readRequirementModel(ctx.queries),
  'requirements.model.save': acting(saveRequirementModel),
  'requirements.export': async (ctx: BackendContext, input: Omit<ListIn, 'offset' | 'limit'>) => {
    const { buffer } = await requirementsWorkbook(ctx, input, input.locale);
    return {
      fileName: `requirements-${ctx.clock.today()}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: buffer.toString('base64'),
    };
  },
};
