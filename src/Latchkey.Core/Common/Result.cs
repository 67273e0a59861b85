using System.Diagnostics.CodeAnalysis;

namespace Latchkey.Core.Common;

/// <summary>What a handler returns: a value, or a <see cref="Common.Failure"/>. Infrastructure faults are thrown instead.</summary>
public sealed class Result<T>
{
    private Result(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public Failure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

#pragma warning disable CA1000 // Static factories on the generic type read best at the call site.
    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(Failure failure) => new(default, failure);

    public static Result<T> Fail(string code, string message) => new(default, new Failure(code, message));
#pragma warning restore CA1000

    public static implicit operator Result<T>(Failure failure) => Fail(failure);
}
