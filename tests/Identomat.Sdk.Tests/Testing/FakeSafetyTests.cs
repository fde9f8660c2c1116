using System.Net;
using System.Net.NetworkInformation;
using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Testing.WireMock;
using Identomat.Sdk.Tests.Boundaries;

namespace Identomat.Sdk.Tests.Testing;

/// <summary>
/// The fakes are safe to leave running: loopback only unless told otherwise, bounded logs, faults refused when they are
/// made rather than failing later, and faults scripted for one session only so that parallel tests do not take each
/// other's.
/// </summary>
public class FakeSafetyTests
{
    private static IEnumerable<IPAddress> ListenersOn(int port) =>
        IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Where(e => e.Port == port).Select(e => e.Address);

    [Test]
    public void The_WireMock_fake_listens_on_loopback_only()
    {
        using var host = IdentomatWireMockServer.Start();

        Assert.That(host.BaseAddress.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(ListenersOn(host.BaseAddress.Port), Is.Not.Empty.And.All.Matches<IPAddress>(IPAddress.IsLoopback));
    }

    [Test]
    public async Task Listening_elsewhere_is_an_explicit_choice()
    {
        using var host = IdentomatWireMockServer.Start(new() { ListenAddress = IPAddress.Any });
        using var client = host.CreateClient();

        Assert.That(ListenersOn(host.BaseAddress.Port), Has.Some.Matches<IPAddress>(a => a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any)));
        Assert.That((await client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build())).Token, Is.Not.Empty);
    }

    [Test]
    public async Task The_WireMock_request_log_is_bounded()
    {
        using var host = IdentomatWireMockServer.Start(new() { MaxRequestLogCount = 5 });
        using var client = host.CreateClient();
        var token = host.Fake.AddSession();
        host.Fake.SetMedia(token, MediaKind.Face, new byte[64 * 1024]);

        for (var i = 0; i < 12; i++)
        {
            using var media = await client.GetMediaAsync(token, MediaKind.Face);
            await media.Content.CopyToAsync(Stream.Null);
        }

        Assert.That(host.Server.LogEntries, Has.Count.LessThanOrEqualTo(5));
    }

    [Test]
    public async Task The_flows_a_fake_keeps_are_the_latest_few()
    {
        using var fake = IdentomatFakeServer.StartInProcess(new() { MaxRecordedSessions = 3 });
        using var client = fake.CreateClient();
        using var raw = new HttpClient(fake.CreateHandler());
        var invalid = $"{{\"company_key\":\"{fake.CompanyKey}\",\"steps\":[{{\"type\":\"liveness\",\"key\":\"a\"}},{{\"type\":\"liveness\",\"key\":\"a\"}}]}}";

        for (var i = 0; i < 5; i++)
        {
            await client.BeginSessionAsync(new SessionBuilder().ForClientUser("user-" + i).AddLiveness().Build());
            using var refused = await raw.PostAsync(new Uri(fake.BaseAddress, "begin/"), new StringContent(invalid));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        Assert.That(fake.ReceivedSessions.Select(r => r.ClientUserId), Is.EqualTo(new[] { "user-2", "user-3", "user-4" }));
        Assert.That(fake.RejectedSessions, Has.Count.EqualTo(3));
    }

    private static IEnumerable<TestCaseData> BadFaults()
    {
        yield return new TestCaseData((Action)(() => FakeFault.Delay(TimeSpan.FromMilliseconds(-5)))).SetArgDisplayNames("negative delay");
        yield return new TestCaseData((Action)(() => FakeFault.Delay(TimeSpan.MaxValue))).SetArgDisplayNames("endless delay");
        yield return new TestCaseData((Action)(() => FakeFault.Status(1000))).SetArgDisplayNames("status 1000");
        yield return new TestCaseData((Action)(() => FakeFault.Status(99))).SetArgDisplayNames("status 99");
        yield return new TestCaseData((Action)(() => FakeFault.Status(100))).SetArgDisplayNames("status 100, not a final answer");
        yield return new TestCaseData((Action)(() => IdentomatFakeServer.StartInProcess(new() { MaxSessions = 0 }))).SetArgDisplayNames("no sessions");
        yield return new TestCaseData((Action)(() => FakeFault.Status(-1))).SetArgDisplayNames("status -1");
        yield return new TestCaseData((Action)(() => FakeFault.RateLimited(TimeSpan.FromSeconds(-1)))).SetArgDisplayNames("negative retry-after");
        yield return new TestCaseData((Action)(() => IdentomatFakeServer.StartInProcess().FailNext(FakeOperation.Result, -3, FakeFault.Status(503)))).SetArgDisplayNames("count -3");
        yield return new TestCaseData((Action)(() => IdentomatFakeServer.StartInProcess().FailNext(FakeOperation.Result, 0, FakeFault.Status(503)))).SetArgDisplayNames("count 0");
        yield return new TestCaseData((Action)(() => IdentomatFakeServer.StartInProcess(new() { MaxRecordedSessions = 0 }))).SetArgDisplayNames("no recorded sessions");
        yield return new TestCaseData((Action)(() => IdentomatWireMockServer.Start(new() { MaxRequestLogCount = 0 }))).SetArgDisplayNames("no request log");
    }

    [TestCaseSource(nameof(BadFaults))]
    public void A_fault_or_setting_that_could_never_work_is_refused_when_made(Action make) =>
        Assert.That(make, Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public async Task Failing_a_huge_number_of_calls_costs_a_counter_not_a_copy_each()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient(o => o.MaxRetries = 0);
        var token = fake.AddSession();
        var before = GC.GetAllocatedBytesForCurrentThread();

        fake.FailNext(FakeOperation.Result, int.MaxValue, FakeFault.Status(503));

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(64 * 1024));
        Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(token));
        Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(token));
        await Task.CompletedTask;
    }

    [Test]
    public void A_fault_for_begin_cannot_name_a_session_token()
    {
        using var fake = IdentomatFakeServer.StartInProcess();

        Assert.That(() => fake.FailNext(FakeOperation.Begin, 1, FakeFault.Status(503), "token"), Throws.ArgumentException.With.Message.Contain("FailNextBegin"));
    }

    [Test]
    public async Task Parallel_tests_sharing_a_fake_get_only_their_own_faults()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient(o => o.MaxRetries = 0);

        async Task OneTest(int i)
        {
            var session = await client.BeginSessionAsync(new SessionBuilder().ForClientUser("user-" + i).AddLiveness().Build());
            fake.FailNext(FakeOperation.Result, 2, FakeFault.Status(503), session.Token);
            Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(session.Token));
            Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(session.Token));
            Assert.That((await client.GetResultAsync(session.Token)).Status, Is.Null, "in progress, the faults used up");
        }

        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => OneTest(i))));

        Assert.That(fake.CallCount(FakeOperation.Result), Is.EqualTo(24 * 3));
    }

    [Test]
    public async Task A_begin_fault_applies_to_the_flows_it_names()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient();
        fake.FailNextBegin(1, FakeFault.Status(503), flow => flow.ClientUserId == "user-42");

        var other = await client.BeginSessionAsync(new SessionBuilder().ForClientUser("user-7").AddLiveness().Build());
        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.BeginSessionAsync(new SessionBuilder().ForClientUser("user-42").AddLiveness().Build()));
        var again = await client.BeginSessionAsync(new SessionBuilder().ForClientUser("user-42").AddLiveness().Build());

        Assert.That(other.Token, Is.Not.Empty);
        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(again.Token, Is.Not.Empty);
    }

    // Lone surrogates threw out of its handler; invalid UTF-8 in a begin body was accepted.
    [Test]
    public async Task The_fake_answers_bad_text_with_400()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var http = new HttpClient(fake.CreateHandler());
        foreach (var (path, body) in new[]
        {
            ("result/", "{\"company_key\":\"\\ud800\"}"u8.ToArray()),
            ("result/face/", Encoding.UTF8.GetBytes("{\"company_key\":\"" + fake.CompanyKey + "\",\"session_token\":\"\\udc00\"}")),
            ("begin/", Encoding.UTF8.GetBytes("{\"company_key\":\"" + fake.CompanyKey + "\",\"name\":\"a").Concat(new byte[] { 0xFF }).Concat("\"}"u8.ToArray()).ToArray()),
        })
        {
            using var answer = await http.PostAsync(new Uri(fake.BaseAddress, path), new ByteArrayContent(body));
            Assert.That((int)answer.StatusCode, Is.EqualTo(400), path);
        }

        Assert.That(fake.CallCount(FakeOperation.Begin), Is.EqualTo(1));
    }

    [Test]
    public void A_bodiless_status_carries_no_body()
    {
        Assert.That(() => FakeFault.Status(204, "{}"), Throws.ArgumentException.With.Message.Contain("HTTP 204 has no body"));
        Assert.That(FakeFault.Status(204).ToString(), Is.EqualTo("HTTP 204"));
    }

    [TestCase(204)]
    [TestCase(205)]
    public async Task A_bodiless_status_answers_the_same_in_process_and_over_WireMock(int status)
    {
        using var host = IdentomatWireMockServer.Start();
        using var inProcess = new HttpClient(host.Fake.CreateHandler());
        using var socket = new HttpClient();
        var body = $"{{\"company_key\":\"{host.Fake.CompanyKey}\",\"session_token\":\"t\"}}";
        host.Fake.FailNext(FakeOperation.Result, 2, FakeFault.Status(status));

        using var first = await inProcess.PostAsync(new Uri(host.Fake.BaseAddress, "result/"), new StringContent(body));
        using var second = await socket.PostAsync(new Uri(host.BaseAddress, "result/"), new StringContent(body));

        Assert.That(((int)first.StatusCode, (int)second.StatusCode), Is.EqualTo((status, status)));
        Assert.That(await first.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(await second.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [Test]
    public async Task A_begin_predicate_that_throws_matches_nothing_and_breaks_no_later_begin()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient(o => o.MaxRetries = 0);
        fake.FailNextBegin(1, FakeFault.Status(503), flow => flow.ClientUserId!.Length > 0);

        var without = await client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build());
        Assert.ThrowsAsync<IdentomatApiException>(() => client.BeginSessionAsync(new SessionBuilder().ForClientUser("u").AddLiveness().Build()));
        var after = await client.BeginSessionAsync(new SessionBuilder().ForClientUser("u").AddLiveness().Build());

        Assert.That((without.Token, after.Token), Is.Not.EqualTo((string.Empty, string.Empty)));
    }

    [Test]
    public async Task A_fake_keeps_its_latest_sessions_and_forgets_their_faults_with_them()
    {
        using var fake = IdentomatFakeServer.StartInProcess(new() { MaxSessions = 3 });
        using var client = fake.CreateClient(o => o.MaxRetries = 0);
        var tokens = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            tokens.Add((await client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build())).Token);
            fake.FailNext(FakeOperation.Result, int.MaxValue, FakeFault.Status(503), tokens[i]);
        }

        Assert.That(fake.SessionTokens, Is.EquivalentTo(tokens.Skip(2)));
        Assert.ThrowsAsync<IdentomatSessionNotFoundException>(() => client.GetResultAsync(tokens[0]), "forgotten, and so is its fault");
        Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(tokens[4]));
        await client.DeleteSessionAsync(tokens[3]);
        Assert.That(fake.SessionTokens, Is.EquivalentTo(new[] { tokens[2], tokens[4] }));
    }

    [Test]
    public void An_IPv6_loopback_fake_is_reached_at_its_own_address()
    {
        using var host = IdentomatWireMockServer.Start(new() { ListenAddress = IPAddress.IPv6Loopback });
        using var client = host.CreateClient();

        Assert.That(host.BaseAddress.Host, Is.EqualTo("[::1]"));
        Assert.That(client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build()).GetAwaiter().GetResult().Token, Is.Not.Empty);
    }
}
