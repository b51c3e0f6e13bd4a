// The requirements area's screens in one chunk: the board, a requirement's page, the model.
import type { Route } from '../../route';
import { RequirementsBoard } from './Board';
import { RequirementModelEditor } from './ModelEditor';
import { RequirementPage } from './RequirementPage';

export function RequirementsScreen({ route }: { route: Route }) {
  if (route.screen === 'requirement') return <RequirementPage key={route.id} id={route.id} />;
  if (route.screen === 'requirement-model') return <RequirementModelEditor />;
  return <RequirementsBoard />;
}
