using Identomat.Sdk;
using Identomat.Sdk.Lifecycle;
using Identomat.Sdk.Testing;
using Microsoft.EntityFrameworkCore;

// Usage: Identomat.Sdk.Lifecycle.Instance CONNECTION_STRING INSTANCE_NAME
// Listens on a free loopback port and prints "listening URL"; prints "handled KEY" for each callback its handler runs
// and "begin N" after each start (N: the begin/ calls its own fake received). Stops when its standard input closes.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Testing" });
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
var fake = IdentomatFakeServer.StartInProcess();
builder.Services.AddDbContext<InstanceDbContext>(options => options.UseNpgsql(args[0]));
builder.Services.AddIdentomat(options => options.CallbackApiKeys = [fake.CallbackApiKey]).UseIdentomatFake(fake);
builder.Services.AddIdentomatLifecycle<InstanceDbContext>(options =>
    {
        options.InstanceName = args[1];
        options.InboxPollInterval = TimeSpan.FromMilliseconds(50);
        options.SweepInterval = TimeSpan.FromMilliseconds(100);
        options.LeaseDuration = TimeSpan.FromSeconds(2);
    })
    .UsePostgreSql()
    .AddCallbackHandler<OneTimePasswordRequestCallback, PrintingHandler>();
var app = builder.Build();
app.MapIdentomatCallbackInbox();
app.MapPost("/start/{user}", async (string user, IIdentomatVerifications verifications) =>
{
    var verification = await verifications.StartAsync(user, new SessionBuilder().AddIdentityDocument().Build());
    Console.WriteLine($"begin {fake.CallCount(FakeOperation.Begin)}");
    return verification.SessionToken;
});
await app.StartAsync();
Console.WriteLine("listening " + app.Urls.First());
await Console.In.ReadToEndAsync();
await app.StopAsync();

internal sealed class InstanceDbContext(DbContextOptions<InstanceDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddIdentomatLifecycle();
}

internal sealed class PrintingHandler : IIdentomatCallbackHandler<OneTimePasswordRequestCallback>
{
    public Task HandleAsync(OneTimePasswordRequestCallback callback, IdentomatCallbackContext context, CancellationToken cancellationToken)
    {
        Console.WriteLine("handled " + context.IdempotencyKey);
        return Task.CompletedTask;
    }
}
