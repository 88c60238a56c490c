export { APPEAL_EXAMPLE, decideAppeal, fileAppeal, type AppealDecision } from './appeal-service';
