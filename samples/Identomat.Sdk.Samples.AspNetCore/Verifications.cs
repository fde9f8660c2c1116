using Identomat.Sdk;
using Identomat.Sdk.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

/// <summary>
/// The application's own database: its tables and, joined to them, the Identomat lifecycle's (inbox, verifications,
/// audit trail, leases). One migration set per engine, generated with <c>dotnet ef</c> (see the README).
/// </summary>
public abstract class SampleDbContext(DbContextOptions options) : DbContext(options)
{
    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddIdentomatLifecycle();
}

/// <summary>The sample's database on SQLite (the default: one instance, a file created on first run).</summary>
public sealed class SqliteSampleDbContext(DbContextOptions<SqliteSampleDbContext> options) : SampleDbContext(options);

/// <summary>The sample's database on PostgreSQL (several instances: set <c>ConnectionStrings:VerificationsPostgreSql</c>).</summary>
public sealed class PostgreSqlSampleDbContext(DbContextOptions<PostgreSqlSampleDbContext> options) : SampleDbContext(options);

/// <summary>For <c>dotnet ef migrations add … --context SqliteSampleDbContext</c>: no database is opened.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSampleDbContext>
{
    public SqliteSampleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSampleDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For <c>dotnet ef migrations add … --context PostgreSqlSampleDbContext</c>: no database is opened.</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlSampleDbContext>
{
    public PostgreSqlSampleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlSampleDbContext>().UseNpgsql("Host=localhost").Options);
}

/// <summary>Registers the lifecycle on the engine the configuration names, and creates or updates the schema.</summary>
internal static class Verifications
{
    /// <summary>Registers the lifecycle; <paramref name="fresh"/> (fake mode) starts each run from a new database of its own.</summary>
    public static void AddVerifications(this WebApplicationBuilder builder, bool fresh)
    {
        // PostgreSQL by one setting (several instances); SQLite otherwise (one instance, a file next to the app).
        var postgres = builder.Configuration.GetConnectionString("VerificationsPostgreSql");
        var lifecycleSettings = builder.Configuration.GetSection("IdentomatLifecycle");
        IdentomatLifecycleBuilder lifecycle;
        if (!string.IsNullOrEmpty(postgres))
        {
            builder.Services.AddDbContext<PostgreSqlSampleDbContext>(options => options.UseNpgsql(postgres));
            builder.Services.AddScoped<SampleDbContext>(services => services.GetRequiredService<PostgreSqlSampleDbContext>());
            lifecycle = builder.Services.AddIdentomatLifecycle<PostgreSqlSampleDbContext>(lifecycleSettings).UsePostgreSql();
        }
        else
        {
            // The fake forgets its sessions when it stops: in fake mode the default database is its own, and new each run.
            var sqlite = builder.Configuration.GetConnectionString("Verifications")
                ?? $"Data Source={Path.Combine(builder.Environment.ContentRootPath, fresh ? "verifications.fake.db" : "verifications.db")}";
            if (fresh && builder.Configuration.GetConnectionString("Verifications") is null)
            {
                File.Delete(Path.Combine(builder.Environment.ContentRootPath, "verifications.fake.db"));
            }

            builder.Services.AddDbContext<SqliteSampleDbContext>(options => options.UseSqlite(sqlite));
            builder.Services.AddScoped<SampleDbContext>(services => services.GetRequiredService<SqliteSampleDbContext>());
            lifecycle = builder.Services.AddIdentomatLifecycle<SqliteSampleDbContext>(lifecycleSettings).UseSqlite();
        }

        // The vendor's requests to text the user: handled once per callback, retried if the gateway fails.
        lifecycle.AddCallbackHandler<OneTimePasswordRequestCallback, SmsCallbacks>()
            .AddCallbackHandler<ShareSessionLinkViaSmsCallback, SmsCallbacks>();
        builder.Services.AddHealthChecks().AddIdentomatLifecycle();
    }

    /// <summary>Creates the database on first run, and applies the migrations a newer version brings.</summary>
    public static void MigrateVerifications(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<SampleDbContext>().Database.Migrate();
    }
}

/// <summary>
/// Texts what the vendor asks for, for sessions this application started (<see cref="IdentomatCallbackContext.UserId"/>
/// is set): a callback key is a bearer key, and whoever holds one must not get texts sent to any number. A real gateway
/// takes <see cref="IdentomatCallbackContext.IdempotencyKey"/>, so a retry after a crash sends nothing twice.
/// </summary>
internal sealed class SmsCallbacks(ISmsSender sms) :
    IIdentomatCallbackHandler<OneTimePasswordRequestCallback>,
    IIdentomatCallbackHandler<ShareSessionLinkViaSmsCallback>
{
    public Task HandleAsync(OneTimePasswordRequestCallback callback, IdentomatCallbackContext context, CancellationToken cancellationToken) =>
        context.UserId is not null && callback is { PhoneNumber: { } phone, Text: { } text } ? sms.SendAsync(phone, text, cancellationToken) : Task.CompletedTask;

    public Task HandleAsync(ShareSessionLinkViaSmsCallback callback, IdentomatCallbackContext context, CancellationToken cancellationToken) =>
        context.UserId is not null && callback is { PhoneNumber: { } phone, Text: { } text } ? sms.SendAsync(phone, text, cancellationToken) : Task.CompletedTask;
}

/// <summary>Sends the SMS the vendor asks for (one-time passwords, session links).</summary>
public interface ISmsSender
{
    /// <summary>Sends a text message.</summary>
    Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken);
}

/// <summary>Stands in for an SMS gateway: logs that a message was queued, never its number or text.</summary>
internal sealed class LoggingSmsSender(ILogger<LoggingSmsSender> log) : ISmsSender
{
    public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken)
    {
        log.LogInformation("SMS of {Length} characters queued", text.Length);
        return Task.CompletedTask;
    }
}
