import { Person, mayView, qualifiesLeads, supervises } from '../../../src/domain/authority';

// Team 1 and team 2, each with a supervisor, agents and a salesperson; admins belong to no team.
const agent1: Person = { id: 1, role: 'agent', teamId: 1 };
const agent1b: Person = { id: 2, role: 'agent', teamId: 1 };
const sup1: Person = { id: 3, role: 'supervisor', teamId: 1 };
const sales1: Person = { id: 4, role: 'salesperson', teamId: 1 };
const sup1b: Person = { id: 5, role: 'supervisor', teamId: 1 };
const agent2: Person = { id: 11, role: 'agent', teamId: 2 };
const sup2: Person = { id: 13, role: 'supervisor', teamId: 2 };
const sales2: Person = { id: 14, role: 'salesperson', teamId: 2 };
const admin: Person = { id: 21, role: 'admin', teamId: null };
const admin2: Person = { id: 22, role: 'admin', teamId: null };
const loneSup: Person = { id: 31, role: 'supervisor', teamId: null };
const loneAgent: Person = { id: 32, role: 'agent', teamId: null };

describe('qualifiesLeads: who signs off an A/B lead (H-4, edges "Customer records")', () => {
  test.each<[string, Person, Person, boolean]>([
    ["H-4 the team's salesperson", sales1, agent1, true],
    ["H-4 the team's supervisor (entering it for the salesperson)", sup1, agent1, true],
    ['H-4 an admin', admin, agent1, true],
    ["H-4 another team's salesperson may not", sales2, agent1, false],
    ["H-4 another team's supervisor may not", sup2, agent1, false],
    ['H-4 an agent may not, not even a teammate', agent1b, agent1, false],
    ['H-4 an agent may not qualify their own', agent1, agent1, false],
    ['H-4 no team matches a missing team', loneSup, loneAgent, false],
  ])('%s', (_title, actor, agent, ok) => {
    expect(qualifiesLeads(actor, agent)).toBe(ok);
  });
});

describe('supervises and mayView: acting on and seeing records (H-14, H-20, COMMANDS reading rules)', () => {
  test.each<[string, Person, Person, boolean]>([
    ["H-14 a supervisor supervises their team's agent", sup1, agent1, true],
    ["H-14 a supervisor supervises their team's salesperson", sup1, sales1, true],
    ["H-14 a supervisor does not supervise another team", sup1, agent2, false],
    ['H-14 a supervisor does not supervise themselves', sup1, sup1, false],
    ['H-14 an agent supervises nobody', agent1, agent1b, false],
    ['H-14 a salesperson supervises nobody', sales1, agent1, false],
    ['H-14 an admin supervises a supervisor', admin, sup2, true],
    ['H-14 an admin supervises another admin', admin, admin2, true],
    ['H-14 an admin supervises an agent of any team', admin, agent2, true],
    ['H-10/H-14 an admin does not act on their own score (no self-award)', admin, admin, false],
    ['H-14 a supervisor does not supervise a co-supervisor of the same team', sup1, sup1b, false],
    ['H-14 a supervisor does not supervise an admin placed in the team', sup1, { id: 23, role: 'admin', teamId: 1 }, false],
    ['H-14 a supervisor without a team supervises nobody', loneSup, loneAgent, false],
  ])('supervises: %s', (_title, actor, target, ok) => {
    expect(supervises(actor, target)).toBe(ok);
  });

  test.each<[string, Person, Person, boolean]>([
    ['H-20 everyone sees their own', agent1, agent1, true],
    ["H-20 a supervisor sees their team's agent", sup1, agent1, true],
    ["H-20 a supervisor does not see another team's agent", sup1, agent2, false],
    ["H-20 an agent does not see a teammate's", agent1, agent1b, false],
    ['H-20 an admin sees anyone', admin, agent2, true],
    ['H-20 an admin sees their own', admin, admin, true],
    ["H-20 a salesperson does not see an agent's own records this way", sales1, agent1, false],
  ])('mayView: %s', (_title, actor, target, ok) => {
    expect(mayView(actor, target)).toBe(ok);
  });
});
