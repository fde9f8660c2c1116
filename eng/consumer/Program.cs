using System.Net;
using System.Reflection;
using System.Runtime.Versioning;
using System.Text;
using Identomat.Sdk;

// Builds a flow, starts a session, reads the result: against the packaged fake server where the Testing package
// is referenced, against a hand-written in-memory answer otherwise. Prints which build of the SDK ran.
var flow = new SessionBuilder()
    .Language(LanguageCode.English)
    .AddIdentityDocument(f => f with { DocumentTypes = new[] { DocumentType.Passport } })
    .AddLiveness()
    .AddUserQuestionnaire("about_you", "About you", q => q.AddText("occupation", "Occupation"))
    .Build();

#if USE_FAKE_SERVER
using var fake = Identomat.Sdk.Testing.IdentomatFakeServer.StartInProcess(new() { SecretKey = "consumer-secret" });
using var client = fake.CreateClient();
var session = await client.BeginSessionAsync(flow);
fake.CompleteSession(session.Token, Identomat.Sdk.Testing.FakeResults.Approved());
#else
using var http = new HttpClient(new Answers());
using var client = new IdentomatClient(http, new IdentomatClientOptions { CompanyKey = "consumer-key" });
var session = await client.BeginSessionAsync(flow);
#endif

var result = await client.GetResultAsync(session.Token);
var sdkBuild = typeof(SessionRequest).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
Console.WriteLine($"consumer ok: status {result.Status}, SDK build {sdkBuild}, runtime {Environment.Version}");
return result.Status == VerificationStatus.Approved ? 0 : 1;

#if !USE_FAKE_SERVER
internal sealed class Answers : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.RequestUri!.AbsolutePath.EndsWith("/begin/", StringComparison.Ordinal)
            ? "\"0123456789abcdefghij0123456789abcdefghij\""
            : "{\"result\":\"approved\",\"person\":{\"first_name\":\"JANE\"}}";
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
#endif
