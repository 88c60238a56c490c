export { employeeById, findPeople, teamMembers, teamNames } from './people-service';
