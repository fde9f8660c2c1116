using System.Collections.Concurrent;
using Identomat.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Identomat.Sdk.Lifecycle.Tests;

/// <summary>
/// One application instance: its own host and service provider on a test server, the lifecycle on the shared test
/// database, the Identomat client talking to the in-process fake. Two of them on one PostgreSQL database are two
/// instances of a web farm as far as anything in process memory goes.
/// </summary>
public sealed class LifecycleApp : IAsyncDisposable
{
    private LifecycleApp(WebApplication app, FakeLogCollector logs)
    {
        App = app;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public FakeLogCollector Logs { get; }

    public IServiceProvider Services => App.Services;

    public IIdentomatVerifications Verifications => Services.GetRequiredService<IIdentomatVerifications>();

    public IIdentomatInbox Inbox => Services.GetRequiredService<IIdentomatInbox>();

    public static async Task<LifecycleApp> StartAsync(
        TestDatabase database,
        IdentomatFakeServer fake,
        Action<IdentomatLifecycleOptions>? configure = null,
        Action<IdentomatLifecycleBuilder>? lifecycle = null,
        string instance = "test-instance",
        bool runBackground = false)
    {
        var app = await BuildAsync(database, s => s.AddIdentomat(options => options.CallbackApiKeys = [fake.CallbackApiKey]).UseIdentomatFake(fake), configure, lifecycle, instance, runBackground);
        return new LifecycleApp(app, app.Services.GetRequiredService<FakeLogCollector>());
    }

    /// <summary>An application with its Identomat accounts registered by <paramref name="identomat"/>; started unless told not to.</summary>
    public static async Task<WebApplication> BuildAsync(
        TestDatabase database,
        Action<IServiceCollection> identomat,
        Action<IdentomatLifecycleOptions>? configure = null,
        Action<IdentomatLifecycleBuilder>? lifecycle = null,
        string instance = "test-instance",
        bool runBackground = false,
        bool engine = true,
        bool start = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddFakeLogging();
        builder.Services.AddDbContext<AppDbContext>(database.Configure);
        identomat(builder.Services);
        var registration = builder.Services.AddIdentomatLifecycle<AppDbContext>(options =>
        {
            options.InstanceName = instance;
            options.InboxPollInterval = TimeSpan.FromMilliseconds(50);
            options.RetryDelay = TimeSpan.FromMilliseconds(50);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
            options.SweepInterval = TimeSpan.FromMilliseconds(100);
            options.EnableSweeper = runBackground;
            configure?.Invoke(options);
        });
        if (engine)
        {
            _ = database.Engine == Engine.Sqlite ? registration.UseSqlite() : registration.UsePostgreSql();
        }

        lifecycle?.Invoke(registration);
        if (!runBackground)
        {
            // The tests drive the processor and the sweeper themselves, one step at a time.
            builder.Services.RemoveAll<IHostedService>();
        }

        var app = builder.Build();
        app.MapIdentomatCallbackInbox();
        if (start)
        {
            await app.StartAsync();
        }

        return app;
    }

    /// <summary>Handles every due stored callback once (the processor's step).</summary>
    public Task<int> ProcessInboxAsync() => Services.GetRequiredService<InboxProcessor>().ProcessDueAsync(CancellationToken.None);

    /// <summary>Runs one sweeper cycle: -1 when another instance holds the lease.</summary>
    public Task<int> SweepAsync() => Services.GetRequiredService<Sweeper>().RunOnceAsync(CancellationToken.None);

    public async Task<HttpResponseMessage> PostCallbackAsync(string body) =>
        await Client.PostAsync(new Uri("/identomat/callback", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>A handler that records what it got, and can be told to fail.</summary>
public sealed class RecordingHandler : IIdentomatCallbackHandler<OneTimePasswordRequestCallback>
{
    public static readonly ConcurrentQueue<(string Key, string? Phone, string? Text, int Attempt, string? UserId)> Calls = new();

    private static int _failuresLeft;

    public static void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    public Task HandleAsync(OneTimePasswordRequestCallback callback, IdentomatCallbackContext context, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new InvalidOperationException("The SMS gateway is down (a test failure, with +995 555 000 000 in its message).");
        }

        Calls.Enqueue((context.IdempotencyKey, callback.PhoneNumber, callback.Text, context.Attempt, context.UserId));
        return Task.CompletedTask;
    }

    public static void Reset()
    {
        Calls.Clear();
        Volatile.Write(ref _failuresLeft, 0);
    }
}
