using System.Net;
using System.Text;
using Identomat.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;

namespace Identomat.Sdk.Lifecycle.Tests;

[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
[NonParallelizable]
public sealed class InboxBoundaryTests(Engine engine) : LifecycleFixture(engine)
{
    private const string Otp = "one-time-password-request";
    private string Key => Fake.CallbackApiKey;

    private static async Task<HttpStatusCode> PostBytes(HttpClient client, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(new Uri("/identomat/callback", UriKind.Relative), content);
        return response.StatusCode;
    }

    [Test]
    public async Task Odd_bodies_get_400_401_or_413_or_are_stored_never_500_or_503()
    {
        await using var app = await LifecycleApp.StartAsync(Database, Fake, lifecycle: l => l.AddCallbackHandler<OneTimePasswordRequestCallback, RecordingHandler>());
        string K(string rest) => "{\"callbackApiKey\":\"" + Key + "\"" + rest + "}";
        var deep = K(",\"type\":\"x\",\"d\":" + new string('[', 62) + new string(']', 62));
        var deeper = K(",\"type\":\"x\",\"d\":" + new string('[', 64) + new string(']', 64));
        var many = new StringBuilder(K("").TrimEnd('}'));
        for (var i = 0; many.Length < IdentomatCallbackParser.MaxBodyBytes - 40; i++)
        {
            many.Append(",\"p").Append(i).Append("\":").Append(i);
        }

        many.Append('}');
        var cases = new (string Name, string Body)[]
        {
            ("NUL in sessionId", K(",\"type\":\"one-time-password-request\",\"sessionId\":\"ab\\u0000cd\",\"phoneNumber\":\"+1\",\"text\":\"t\"")),
            ("NUL in type", K(",\"type\":\"one-time\\u0000password\",\"sessionId\":\"s-nul-type\"")),
            ("NUL in text", K(",\"type\":\"one-time-password-request\",\"sessionId\":\"s-nul-text\",\"phoneNumber\":\"+1\",\"text\":\"a\\u0000b\"")),
            ("NUL in a property name", K(",\"type\":\"x\",\"a\\u0000b\":1")),
            ("lone surrogate in sessionId", K(",\"type\":\"x\",\"sessionId\":\"\\ud800\"")),
            ("reversed surrogate pair", K(",\"type\":\"x\",\"sessionId\":\"\\udc00\\ud800\"")),
            ("emoji sessionId", K(",\"type\":\"x\",\"sessionId\":\"😀😀\"")),
            ("quote sessionId", K(",\"type\":\"x\",\"sessionId\":\"o'brien\\\"; DROP TABLE identomat_inbox;--\"")),
            ("129-char sessionId", K(",\"type\":\"x\",\"sessionId\":\"" + new string('s', 129) + "\"")),
            ("128 emoji sessionId (256 UTF-16)", K(",\"type\":\"x\",\"sessionId\":\"" + string.Concat(Enumerable.Repeat("😀", 64)) + "\"")),
            ("10k-char type", K(",\"type\":\"" + new string('t', 10_000) + "\"")),
            ("type is a number", K(",\"type\":12,\"sessionId\":7")),
            ("type is an object", K(",\"type\":{\"a\":1},\"sessionId\":[1]")),
            ("no type", K("")),
            ("key is a number", "{\"callbackApiKey\":1,\"type\":\"x\"}"),
            ("deep 63", deep),
            ("deep 65", deeper),
            ("1 MiB of properties", many.ToString()),
            ("huge number", K(",\"type\":\"x\",\"n\":1" + new string('0', 500_000) + "e-99999999999999999")),
            ("duplicate type", K(",\"type\":\"x\",\"type\":\"y\"")),
            ("case twin keys", K(",\"type\":\"x\",\"Type\":\"y\",\"CallbackApiKey\":\"z\"")),
            ("empty", string.Empty),
            ("null", "null"),
            ("string", "\"x\""),
        };
        var results = new List<string>();
        foreach (var (name, body) in cases)
        {
            using var response = await app.PostCallbackAsync(body);
            results.Add($"{name}: {(int)response.StatusCode}");
        }

        results.Add("BOM+body: " + (int)await PostBytes(app.Client, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(K(",\"type\":\"bom\""))]));
        results.Add("invalid UTF-8 in sessionId: " + (int)await PostBytes(app.Client, [.. Encoding.UTF8.GetBytes(K(",\"type\":\"x\",\"sessionId\":\"")).SkipLast(1).SkipLast(1), 0xFF, (byte)'"', (byte)'}']));
        results.Add("CESU surrogate bytes: " + (int)await PostBytes(app.Client, [.. Encoding.UTF8.GetBytes(K(",\"type\":\"x\",\"s\":\"")).SkipLast(1).SkipLast(1), 0xED, 0xA0, 0x80, (byte)'"', (byte)'}']));
        TestContext.Out.WriteLine(string.Join("\n", results));
        await using (var context = Database.CreateContext())
        {
            foreach (var row in await context.Set<IdentomatInboxMessage>().AsNoTracking().ToListAsync())
            {
                TestContext.Out.WriteLine($"row type={row.Type} session={(row.SessionId is null ? "null" : row.SessionId.Length.ToString())} payload={row.Payload!.Length}");
            }
        }

        foreach (var log in app.Logs.GetSnapshot().Where(l => !l.Category!.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)))
        {
            TestContext.Out.WriteLine($"log {log.Id} {log.Level} {log.Message} {log.Exception?.GetType().Name}: {log.Exception?.InnerException?.Message}");
        }

        Assert.That(results, Has.None.Contains(": 500").And.None.Contains(": 503"));
        var handled = await app.ProcessInboxAsync();
        TestContext.Out.WriteLine("handled " + handled);
    }

    [Test]
    public async Task A_handlers_exception_message_with_personal_data_does_not_reach_the_logs()
    {
        await using var app = await LifecycleApp.StartAsync(Database, Fake, options => options.MaxHandlingAttempts = 2, l => l.AddCallbackHandler<OneTimePasswordRequestCallback, RecordingHandler>());
        RecordingHandler.FailNext(5);
        using (await app.PostCallbackAsync(Fake.CreateCallbackBody(Otp, "s-pd", new Dictionary<string, string> { ["phoneNumber"] = "+995555000000", ["text"] = "1" })))
        {
        }

        await app.ProcessInboxAsync();
        await Task.Delay(300);
        await app.ProcessInboxAsync();
        var leaked = app.Logs.GetSnapshot().Where(r => r.Exception?.ToString().Contains("+995", StringComparison.Ordinal) == true).ToList();
        foreach (var r in leaked)
        {
            TestContext.Out.WriteLine($"{r.Id} {r.Level} {r.Message} | exception: {r.Exception!.Message}");
        }

        Assert.That(leaked, Is.Empty, "a console/OTel logger prints the exception, message included");
    }

    [Test]
    public async Task A_callback_is_joined_only_to_verifications_of_the_account_that_authenticated_it()
    {
        using var fakeB = IdentomatFakeServer.StartInProcess(new IdentomatFakeServerOptions { CompanyKey = "company-b", CallbackApiKey = "callback-b" });
        UserCapture.Seen.Clear();
        await using var app = await LifecycleApp.BuildAsync(
            Database,
            s =>
            {
                s.AddIdentomat(o => o.CallbackApiKeys = [Key]).UseIdentomatFake(Fake);
                s.AddIdentomat("b", o => o.CallbackApiKeys = [fakeB.CallbackApiKey]).UseIdentomatFake(fakeB);
            },
            lifecycle: l => l.ForAccounts("", "b").AddCallbackHandler<IdentomatCallback, UserCapture>());
        var verifications = app.Services.GetRequiredService<IIdentomatVerifications>();
        var victim = await verifications.StartAsync("victim-of-account-a", new SessionBuilder().AddIdentityDocument().Build());
        using var client = app.GetTestClient();
        using (var content = new StringContent(fakeB.CreateCallbackBody(Otp, victim.SessionToken!, new Dictionary<string, string> { ["phoneNumber"] = "+1", ["text"] = "x" }), Encoding.UTF8, "application/json"))
        using (var response = await client.PostAsync(new Uri("/identomat/callback", UriKind.Relative), content))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await app.Services.GetRequiredService<InboxProcessor>().ProcessDueAsync(CancellationToken.None);
        TestContext.Out.WriteLine(string.Join(", ", UserCapture.Seen.Select(s => $"{s.Account}:{s.UserId}")));
        Assert.That(UserCapture.Seen.Single().UserId, Is.Null, "account b's callback resolved to account a's user");
    }

    public sealed class UserCapture : IIdentomatCallbackHandler<IdentomatCallback>
    {
        public static readonly System.Collections.Concurrent.ConcurrentQueue<(string Account, string? UserId)> Seen = new();

        public Task HandleAsync(IdentomatCallback callback, IdentomatCallbackContext context, CancellationToken cancellationToken)
        {
            Seen.Enqueue((context.Account, context.UserId));
            return Task.CompletedTask;
        }
    }
}
