using System.Security.Claims;
using Identomat.Sdk;
using Identomat.Sdk.Lifecycle;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

// A minimal API that verifies its signed-in users with Identomat:
//   POST /verify               starts a session for the signed-in user and redirects to the widget
//   POST /verify/iframe        the same flow embedded in an iframe on this site
//   GET  /verify/done          the return_url: the signed-in user's own result, or 202 while it is in progress
//   POST /identomat/callback   authenticated vendor callbacks (one-time passwords to send, ...), stored once, handled once
//   GET  /health               the lifecycle's health (dead letters, the sweeper's lease)
// Who the user is comes from the authentication cookie, never from the URL; every POST a browser makes carries an
// antiforgery token. Settings come from configuration: Identomat__CompanyKey, Identomat__CallbackApiKeys__0, ...
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddIdentomat(builder.Configuration.GetSection("Identomat"));   // also registers IdentomatCallbackParser
var fake = FakeIdentomat.UseIfEnabled(builder);   // Development only: no account needed (IdentomatFake:Enabled)
builder.AddVerifications(fresh: fake is not null);   // the lifecycle on the app's database: one verification per user, callbacks handled once
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie => cookie.LoginPath = "/login");
builder.Services.AddAuthorization();
builder.Services.AddAntiforgery();

builder.Services.AddSingleton<ISmsSender, LoggingSmsSender>();
if (fake is not null)
{
    builder.Services.AddSingleton<ISmsSender, FakeSmsSender>();   // the fake's codes on the console (they are fake)
}
var app = builder.Build();
app.MigrateVerifications();   // creates the database on first run
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
FakeIdentomat.SendCallbacksTo(app, fake, "/identomat/callback");

app.MapGet("/", (HttpContext http, IAntiforgery antiforgery) => Results.Content(Pages.Home(http, antiforgery), "text/html"));

// A stand-in for your application's own sign-in: any name signs in (this sample has no passwords).
app.MapGet("/login", (HttpContext http, IAntiforgery antiforgery) => Results.Content(Pages.Login(http, antiforgery), "text/html"));
app.MapPost("/login", async ([FromForm] string userName, HttpContext http) =>
{
    if (string.IsNullOrWhiteSpace(userName) || userName.Length > 64)
    {
        return Results.BadRequest();
    }

    var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userName.Trim())], CookieAuthenticationDefaults.AuthenticationScheme);
    await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    return Results.LocalRedirect("/");
});

// A second start (another tab, another instance) gets the user's live session: one verification per user.
app.MapPost("/verify", async (ClaimsPrincipal user, HttpRequest http, IIdentomatVerifications verifications, CancellationToken cancellationToken) =>
{
    var userId = Users.IdOf(user);
    var returnUrl = new Uri($"{http.Scheme}://{http.Host}/verify/done");
    var verification = await verifications.StartAsync(userId, Flows.ForUser(userId, returnUrl), cancellationToken: cancellationToken);
    return Results.Redirect(verification.WidgetUrl!);
}).RequireAuthorization().RequireAntiforgeryToken();

app.MapPost("/verify/iframe", async (ClaimsPrincipal user, IIdentomatVerifications verifications, CancellationToken cancellationToken) =>
{
    var userId = Users.IdOf(user);
    var verification = await verifications.StartAsync(userId, Flows.ForUser(userId, returnUrl: null), cancellationToken: cancellationToken);
    return Results.Content(Pages.Embedded(new Uri(verification.WidgetUrl!), done: "/verify/done"), "text/html");
}).RequireAuthorization().RequireAntiforgeryToken();

// How long the return page waits for a result that lags behind the user, before it says "still in progress".
var resultWait = app.Configuration.GetValue("Sample:ResultWait", TimeSpan.FromSeconds(10));
app.MapGet("/verify/done", async (ClaimsPrincipal user, IIdentomatVerifications verifications, CancellationToken cancellationToken) =>
{
    if (await verifications.FindAsync(Users.IdOf(user), cancellationToken) is not { SessionToken: { } token })
    {
        return Results.NotFound();
    }

    try
    {
        // The result can lag behind the user: read again for a little while, and say "still in progress" rather than
        // fail. Each read moves the stored state forward only; the sweeper finishes what the user does not wait for.
        var deadline = DateTime.UtcNow + resultWait;
        var verification = await verifications.RefreshAsync(token, VerificationCause.Return, cancellationToken);
        while (verification is { State: VerificationState.InProgress } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            verification = await verifications.RefreshAsync(token, VerificationCause.Return, cancellationToken);
        }

        if (verification is null or { State: VerificationState.Expired })
        {
            return Results.NotFound();   // expired without a verdict, or erased: verify again
        }

        var stage = verification.State switch
        {
            VerificationState.Final => VerificationStage.Final,
            VerificationState.InReview => VerificationStage.InReview,
            _ => VerificationStage.InProgress,
        };
        var outcome = new VerificationOutcome(verification.Status, stage.ToString(), verification.DocumentType);
        return stage >= VerificationStage.InReview ? Results.Ok(outcome) : Results.Accepted(value: outcome);
    }
    catch (IdentomatSessionNotFoundException)
    {
        return Results.NotFound();
    }
    catch (IdentomatException ex) when (ex.IsTransient)
    {
        return Results.Problem(title: "Identomat is unavailable; try again shortly", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}).RequireAuthorization();

// The vendor posts here: no cookie, no antiforgery token; the callbackApiKey in the body authenticates it. Each
// callback is stored once (a unique key), answered 200 once durable, and handed to SmsCallbacks in the background.
app.MapIdentomatCallbackInbox("/identomat/callback");
app.MapHealthChecks("/health");

app.Run();

/// <summary>Visible to the in-process tests.</summary>
public partial class Program;
