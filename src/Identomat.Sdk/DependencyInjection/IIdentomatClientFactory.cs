using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Creates the Identomat clients registered with <c>AddIdentomat</c>, by name.</summary>
public interface IIdentomatClientFactory
{
    /// <summary>
    /// The client of a registered account: one per name, shared and thread-safe, following changes of its settings
    /// (<c>IOptionsMonitor</c>). Do not dispose it: the container does.
    /// </summary>
    /// <param name="name">The name given to <c>AddIdentomat</c>; empty for the default client.</param>
    /// <returns>The client.</returns>
    /// <exception cref="OptionsValidationException">The account's settings are invalid.</exception>
    /// <exception cref="InvalidOperationException">No client of that name was registered.</exception>
    IIdentomatClient CreateClient(string name);
}
