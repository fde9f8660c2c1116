using Identomat.Sdk;
using Identomat.Sdk.Testing;

// The first BeginSessionAsync of a fresh process, through the full client pipeline (signing on), against the
// in-process fake. The process exits right after, so its wall time is the cold-start time.
using var fake = IdentomatFakeServer.StartInProcess(new() { SecretKey = "cold-start-secret" });
using var client = fake.CreateClient();
var session = await client.BeginSessionAsync(new SessionBuilder().AddIdentityDocument().AddLiveness().Build());
return session.Token.Length == 40 ? 0 : 1;
