using Identomat.Sdk;
using Identomat.Sdk.Testing;

using var fake = IdentomatFakeServer.StartInProcess();
using var client = fake.CreateClient();
var session = await client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build());
fake.CompleteSession(session.Token, FakeResults.Approved());
Console.WriteLine("fake consumer ok: " + (await client.GetResultAsync(session.Token)).Status);
