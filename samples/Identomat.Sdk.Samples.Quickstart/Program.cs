using Identomat.Sdk.Samples.Quickstart;

// The quickstart: builds a flow, starts a session, prints the widget URL and the typed result.
// Without IDENTOMAT_COMPANY_KEY it runs against the embedded fake server; with it, against the real service.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
return await QuickstartApp.RunAsync(Console.Out, Environment.GetEnvironmentVariable, cancel.Token);
