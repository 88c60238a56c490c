import { Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn, KeyColumn } from './columns';

/** A named lease (one replica sends for a platform at a time); lapses at expiresAt. */
@Entity('leases')
export class Lease {
  @PrimaryColumn({ type: 'varchar', length: 64 }) name: string;
  @KeyColumn(64) holder: string;
  @InstantColumn() expiresAt: Date;
}
