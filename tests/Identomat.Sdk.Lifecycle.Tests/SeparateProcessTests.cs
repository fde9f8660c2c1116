using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Identomat.Sdk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Identomat.Sdk.Lifecycle.Tests;

/// <summary>
/// Two application instances on one PostgreSQL database, the second in a separate OS process
/// (<c>Identomat.Sdk.Lifecycle.Instance</c>): no lock in process memory can make these pass, only the database.
/// </summary>
[NonParallelizable]
public sealed class SeparateProcessTests
{
    private const string Otp = "one-time-password-request";

    private TestDatabase _database = null!;
    private IdentomatFakeServer _fake = null!;
    private OtherInstance _other = null!;

    [SetUp]
    public async Task SetUp()
    {
        RecordingHandler.Reset();
        _database = new TestDatabase(Engine.PostgreSql);
        _fake = IdentomatFakeServer.StartInProcess();
        _other = await OtherInstance.StartAsync(_database.ConnectionString, "other-process");
    }

    [TearDown]
    public async Task TearDown()
    {
        await _other.DisposeAsync();
        _fake.Dispose();
        _database.Dispose();
    }

    private Task<LifecycleApp> StartAsync() =>
        LifecycleApp.StartAsync(_database, _fake, lifecycle: l => l.AddCallbackHandler<OneTimePasswordRequestCallback, RecordingHandler>(), instance: "this-process");

    [Test]
    public async Task The_same_callbacks_delivered_to_both_processes_at_once_make_one_row_and_one_handling_each()
    {
        await using var app = await StartAsync();
        var bodies = Enumerable.Range(0, 10).Select(i => _fake.CreateCallbackBody(Otp, "session-" + i, new Dictionary<string, string> { ["phoneNumber"] = "+1", ["text"] = "code " + i })).ToArray();

        var deliveries = Enumerable.Range(0, 60).Select(async i =>
        {
            using var content = new StringContent(bodies[i % bodies.Length], System.Text.Encoding.UTF8, "application/json");
            using var response = i % 2 == 0
                ? await app.Client.PostAsync(new Uri("/identomat/callback", UriKind.Relative), content)
                : await _other.Http.PostAsync(new Uri("/identomat/callback", UriKind.Relative), content);
            return response.StatusCode;
        });
        Assert.That(await Task.WhenAll(deliveries), Is.All.EqualTo(HttpStatusCode.OK));

        // The other process handles in the background; this one in steps, racing it.
        for (var i = 0; i < 20 && RecordingHandler.Calls.Count + _other.Handled.Count < bodies.Length; i++)
        {
            await app.ProcessInboxAsync();
            await Task.Delay(50);
        }

        await Task.Delay(300);
        var keys = RecordingHandler.Calls.Select(c => c.Key).Concat(_other.Handled).ToList();
        Assert.That(keys, Has.Count.EqualTo(bodies.Length), $"this process {RecordingHandler.Calls.Count}, the other {_other.Handled.Count}");
        Assert.That(keys.Distinct().Count(), Is.EqualTo(bodies.Length));
        await using var context = _database.CreateContext();
        Assert.That(await context.Set<IdentomatInboxMessage>().CountAsync(), Is.EqualTo(bodies.Length));
        Assert.That(await context.Set<IdentomatInboxMessage>().CountAsync(m => m.State == InboxState.Handled), Is.EqualTo(bodies.Length));
    }

    [Test]
    public async Task Two_starts_for_one_user_in_two_processes_make_one_session()
    {
        await using var app = await StartAsync();
        for (var round = 0; round < 5; round++)
        {
            var user = "user-" + round;
            using var there = new StringContent(string.Empty);
            var theirs = _other.Http.PostAsync(new Uri("/start/" + user, UriKind.Relative), there);
            var ours = app.Verifications.StartAsync(user, new SessionBuilder().AddIdentityDocument().Build());
            await Task.WhenAll(theirs, ours);
            using var response = await theirs;
            var theirToken = (await response.Content.ReadAsStringAsync()).Trim('"');
            Assert.That(theirToken, Is.EqualTo((await ours).SessionToken), user);
        }

        await using var context = _database.CreateContext();
        Assert.That(await context.Set<IdentomatVerification>().CountAsync(), Is.EqualTo(5));
        Assert.That(_fake.CallCount(FakeOperation.Begin) + _other.BeginCalls, Is.EqualTo(5), "one begin/ per user across both processes");
    }

    [Test]
    public async Task The_sweepers_lease_is_held_by_one_process_and_taken_over_when_it_dies()
    {
        await using var app = await StartAsync();
        for (var i = 0; i < 100 && await HolderAsync() != "other-process"; i++)
        {
            await Task.Delay(100);   // until the other process's sweeper has taken the lease
        }

        Assert.That(await app.SweepAsync(), Is.EqualTo(-1), "the other process holds the lease");
        await _other.KillAsync();
        var taken = false;
        for (var i = 0; i < 60 && !taken; i++)
        {
            await Task.Delay(100);
            taken = await app.SweepAsync() != -1;
        }

        Assert.That(taken, Is.True, "the lease (2 s) is taken over once its holder died");
        Assert.That(await HolderAsync(), Is.EqualTo("this-process"));
    }

    private async Task<string?> HolderAsync()
    {
        await using var context = _database.CreateContext();
        return (await context.Set<IdentomatLease>().SingleOrDefaultAsync())?.Holder;
    }

    /// <summary>The other process: started from its build output, read line by line, killed or stopped at the end.</summary>
    private sealed class OtherInstance : IAsyncDisposable
    {
        private readonly Process _process;
        private int _beginCalls;

        private OtherInstance(Process process) => _process = process;

        public HttpClient Http { get; } = new();

        public ConcurrentQueue<string> Handled { get; } = new();

        public int BeginCalls => Volatile.Read(ref _beginCalls);

        public static async Task<OtherInstance> StartAsync(string connectionString, string name)
        {
            var output = AppContext.BaseDirectory.Replace("Identomat.Sdk.Lifecycle.Tests", "Identomat.Sdk.Lifecycle.Instance", StringComparison.Ordinal);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(output, "Identomat.Sdk.Lifecycle.Instance.dll"));
            start.ArgumentList.Add(connectionString);
            start.ArgumentList.Add(name);
            var instance = new OtherInstance(Process.Start(start)!);
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            instance._process.OutputDataReceived += (_, line) =>
            {
                switch (line.Data?.Split(' ', 2))
                {
                    case ["listening", var url]: listening.TrySetResult(new Uri(url)); break;
                    case ["handled", var key]: instance.Handled.Enqueue(key); break;
                    case ["begin", var count]: Interlocked.Exchange(ref instance._beginCalls, int.Parse(count)); break;
                }
            };
            instance._process.BeginOutputReadLine();
            instance._process.BeginErrorReadLine();
            instance.Http.BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return instance;
        }

        public async Task KillAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();   // a clean stop
                if (!_process.WaitForExit(10_000))
                {
                    await KillAsync();
                }
            }

            _process.Dispose();
        }
    }
}
