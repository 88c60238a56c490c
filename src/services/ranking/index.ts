/** The weekly ranking (H-6). */
export { weeklyRanking, type RankingRow, type RankingScope, type WeeklyRanking } from './ranking-service';
