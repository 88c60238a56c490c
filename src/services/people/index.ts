export { employeeById, findPeople, teamMembers, teamNames } from './people-service';
export { allTeams, employedOn } from './people-queries';
