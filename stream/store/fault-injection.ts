/**
 * Fault injection for store tests through the DynamoDB client's middleware stack: the requests that are not
 * failed still go to a real dynalite.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Faults injected into a DynamoDB client; change the fields between attempts. */
export interface FaultSettings {
  /** PutItem requests still let through before every further one fails (undefined: no crash). */
  putsBeforeCrash: number | undefined;
  /** Share of requests failing with ThrottlingException before reaching DynamoDB (the SDK retries them). */
  throttleRate: number;
  /** Share of requests failing with a 500 before reaching DynamoDB (the SDK retries them). */
  serverErrorRate: number;
  /** Share of PutItem requests that land but whose response is lost (a timeout: the SDK resends them). */
  lostResponseRate: number;
  /** PutItem requests to let through before one lands but loses its response (undefined: none). */
  putsBeforeLostResponse: number | undefined;
  /** Share of BatchGetItem results returned as UnprocessedKeys instead. */
  unprocessedRate: number;
  random: () => number;
}

/** Installs fault injection on a client and returns the settings object that drives it (all off). */
export function injectFaults(client: DynamoDBClient): FaultSettings {
  const faults: FaultSettings = {
    putsBeforeCrash: undefined,
    throttleRate: 0,
    serverErrorRate: 0,
    lostResponseRate: 0,
    putsBeforeLostResponse: undefined,
    unprocessedRate: 0,
    random: Math.random,
  };
  // Outside the SDK's retry loop: a crash is final for the attempt, like a Lambda that dies.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PutItemCommand' && faults.putsBeforeCrash !== undefined) {
        if (faults.putsBeforeCrash <= 0) throw sdkError('InjectedCrash', 400, 'injected crash');
        faults.putsBeforeCrash--;
      }
      return next(args);
    },
    { step: 'initialize', name: 'iamlpInjectCrash' },
  );
  // Inside the retry loop, so the SDK's own retries see these.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (faults.random() < faults.throttleRate) throw sdkError('ThrottlingException', 400, 'Rate exceeded');
      if (faults.random() < faults.serverErrorRate) throw sdkError('InternalServerError', 500, 'injected');
      const result = await next(args);
      if (context.commandName === 'PutItemCommand' && loseResponse(faults))
        throw sdkError('TimeoutError', 0, 'response lost after the write landed');
      if (context.commandName === 'BatchGetItemCommand') withhold(result.output, faults);
      return result;
    },
    { step: 'finalizeRequest', priority: 'low', name: 'iamlpInjectTransient' },
  );
  return faults;
}

function loseResponse(faults: FaultSettings): boolean {
  if (faults.putsBeforeLostResponse !== undefined && faults.putsBeforeLostResponse-- === 0) return true;
  return faults.random() < faults.lostResponseRate;
}

/** Moves some BatchGetItem responses to UnprocessedKeys, as DynamoDB does under load or past 16 MB. */
function withhold(output: unknown, faults: FaultSettings): void {
  const out = output as {
    Responses?: Record<string, Record<string, { S?: string }>[]>;
    UnprocessedKeys?: Record<string, { Keys: Record<string, { S?: string }>[]; ConsistentRead?: boolean }>;
  };
  for (const [table, items] of Object.entries(out.Responses ?? {})) {
    const kept = items.filter(() => faults.random() >= faults.unprocessedRate);
    const withheld = items.filter((item) => !kept.includes(item));
    if (withheld.length === 0) continue;
    out.Responses = { ...out.Responses, [table]: kept };
    const keys = withheld.map((item) => ({ pk: { S: item.pk?.S ?? '' } }));
    out.UnprocessedKeys = { ...out.UnprocessedKeys, [table]: { Keys: keys, ConsistentRead: true } };
  }
}

function sdkError(name: string, status: number, message: string): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: status > 0 ? { httpStatusCode: status } : {},
  });
}
