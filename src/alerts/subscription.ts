// A channel's subscription: a country, a program or one entity whose news and list changes it follows.
import type { Entity } from '../designations/model.ts';

export const SUBSCRIPTION_KINDS = ['country', 'program', 'entity'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

export interface Subscription {
  id: number;
  platform: string;
  channelId: string;
  kind: SubscriptionKind;
  /** An ISO 3166 alpha-2 code, a program code as the list writes it, or an entity id. */
  value: string;
  createdBy: string;
  createdAt: string;
  /** Set when the channel stopped accepting messages; a paused subscription sends nothing. */
  pausedAt: string | null;
}

export type NewSubscription = Omit<Subscription, 'id' | 'pausedAt'>;

/** Whether an alert about `entity` belongs in the channel that holds `subscription`. */
export function covers(subscription: Subscription, entity: Entity): boolean {
  if (subscription.pausedAt) return false;
  switch (subscription.kind) {
    case 'country':
      return entity.countries.includes(subscription.value);
    case 'program':
      return entity.programs.includes(subscription.value);
    case 'entity':
      return entity.id === subscription.value;
  }
}
