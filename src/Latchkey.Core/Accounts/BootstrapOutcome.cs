using Latchkey.Core.Common;

namespace Latchkey.Core.Accounts;

public sealed record BootstrapOutcome(BootstrapState State, string? SetupToken, Failure? Failure);
