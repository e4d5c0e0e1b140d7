// The designation model: what one listed entity is, whichever list it comes from.

export type EntityType = 'person' | 'organization' | 'vessel' | 'aircraft';

/** How much an alias can be trusted as evidence on its own (OFAC's strong/weak a.k.a.). */
export type AliasStrength = 'strong' | 'weak';

export interface Alias {
  name: string;
  /** 'aka', 'fka' (formerly known as), 'nka' (now known as), or 'original' for a name in its own script. */
  kind: 'aka' | 'fka' | 'nka' | 'original';
  strength: AliasStrength;
}

export interface Identifier {
  /** What the value is: 'DOB', 'POB', 'Passport', 'National ID No.', 'IMO', 'Website', ... as the list names it. */
  type: string;
  value: string;
  /** ISO 3166 alpha-2 of the issuing country, where the list says. */
  country?: string;
}

export interface Address {
  street?: string;
  city?: string;
  country?: string;
  /** ISO 3166 alpha-2 when the country name resolved. */
  countryCode?: string;
}

export interface Relation {
  /** The related entity's id when it resolved within the same list, else null. */
  id: string | null;
  name: string;
  kind: string;
}

/** Which list an entity is on: `ofac-sdn`, `ofac-cons`, or an OpenSanctions dataset name. */
export interface ListRef {
  id: string;
  name: string;
}

export interface Entity {
  /** Stable and source-prefixed: `ofac-sdn-36880`, `ofac-cons-33114`, `os-NK-abc...`. */
  id: string;
  type: EntityType;
  name: string;
  aliases: Alias[];
  /** ISO 3166 alpha-2, sorted, no duplicates. */
  countries: string[];
  /** Program codes as the list writes them: `DPRK3`, `GLOMAG`, `CMIC-EO13959`. */
  programs: string[];
  lists: ListRef[];
  /** YYYY-MM-DD where known (a listing date in the source, or the day a diff first saw it). */
  designated: string | null;
  remarks: string | null;
  identifiers: Identifier[];
  addresses: Address[];
  related: Relation[];
  /** Where a human can read the listing. */
  sourceUrl: string | null;
  /**
   * For one party on several lists (designations/listings.ts): each list's own record, the lead record first,
   * whose id, name and type this entity has. Absent for an entity on one list. Never stored: the catalog groups.
   */
  listings?: Entity[];
}

/** A difference between two versions of a list, recorded when a newer version is imported. */
export type DesignationEventKind = 'added' | 'changed' | 'removed';

export interface DesignationEvent {
  entityId: string;
  listId: string;
  kind: DesignationEventKind;
  /** YYYY-MM-DD: the day the change was seen (the list version's date). */
  date: string;
  name: string;
  /** For 'changed': which fields changed, e.g. ['aliases', 'programs'], with what was added and removed. */
  changes: FieldChange[];
}

export interface FieldChange {
  field: string;
  added: string[];
  removed: string[];
}
