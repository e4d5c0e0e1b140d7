// The gateway path: a discord.js Client whose raw INTERACTION_CREATE payloads go to the same handler as the HTTP endpoint's.
//
// Why raw payloads: they are exactly what the HTTP endpoint receives, so one handler (one option
// parser, one set of tests) serves both paths, where discord.js's Interaction objects would need a
// second translation. The price is answering through the callback route ourselves, which is what
// interaction.reply() does underneath.
import { Client, Events, GatewayDispatchEvents, type GatewayDispatchPayload, GatewayIntentBits, type REST, Routes } from 'discord.js';
import type { OnInteraction, Respond } from './interactions.ts';

/** Answers an interaction received over the gateway: POST /interactions/{id}/{token}/callback. */
export function callbackResponder(rest: REST, interaction: { id: string; token: string }): Respond {
  return async (response) => {
    await rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: response, auth: false });
  };
}

export async function connectGateway(options: { token: string; api: string; rest: REST }, onInteraction: OnInteraction): Promise<Client> {
  // Slash commands need no privileged intent; Guilds keeps discord.js's view of servers and channels.
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: options.api } });
  client.on(Events.Raw, (packet: GatewayDispatchPayload) => {
    if (packet.t !== GatewayDispatchEvents.InteractionCreate) return;
    void onInteraction(packet.d, callbackResponder(options.rest, packet.d));
  });
  await client.login(options.token);
  return client;
}
