using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

internal sealed class IdentomatOptionsValidator : IValidateOptions<IdentomatClientOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentomatClientOptions options)
    {
        var errors = options.Validate();
        var account = string.IsNullOrEmpty(name) ? "the default Identomat client" : $"the Identomat client '{name}'";
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(e => $"{account}: {e}"));
    }
}
