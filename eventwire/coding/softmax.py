"""Multinomial logistic regression on sparse rows, fitted with L-BFGS, in numpy alone.

Scores are ``X W + b + beta R``: ``R`` is a fixed 0/1 "prior" matrix (for the type model,
the rule coder's own answer) and ``beta`` one learnt weight for it, so that ``W`` needs only
learn where to depart from the prior. The objective is the mean cross-entropy plus
``||W||^2 / (2 C n)`` (scikit-learn's ``C`` scaled to a mean loss; ``b`` and ``beta`` are
not penalised). Rows are kept in compressed sparse row
form (:class:`SparseRows`): with a few dozen features per row and tens of thousands of
columns, a dense matrix would not fit the memory a laptop can spare.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]
Objective = Callable[[Floats], tuple[float, Floats]]


@dataclass(slots=True, frozen=True)
class SparseRows:
    """CSR matrix: row ``i`` has ``values[indptr[i]:indptr[i+1]]`` at columns ``indices[...]``."""

    indptr: NDArray[np.int64]
    indices: NDArray[np.int64]
    values: Floats
    n_columns: int

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def dot(self, dense: Floats) -> Floats:
        """``X @ dense`` for a (n_columns, k) array."""
        out = np.zeros((self.n_rows, dense.shape[1]))
        starts = self.indptr[:-1]
        filled = starts < self.indptr[1:]
        if filled.any():  # reduceat over non-empty rows only: empty rows stay zero
            terms = self.values[:, None] * dense[self.indices]
            out[filled] = np.add.reduceat(terms, starts[filled], axis=0)
        return out


@dataclass(slots=True, frozen=True)
class _Transposer:
    """``X.T @ dense`` for one matrix, with the column order sorted out once."""

    order: NDArray[np.int64]
    rows: NDArray[np.int64]
    starts: NDArray[np.int64]
    columns: NDArray[np.int64]
    values: Floats
    n_columns: int

    @classmethod
    def of(cls, x: SparseRows) -> _Transposer:
        row_ids = np.repeat(np.arange(x.n_rows), np.diff(x.indptr))
        order = np.argsort(x.indices, kind="stable")
        cols = x.indices[order]
        columns, starts = np.unique(cols, return_index=True)
        return cls(order=order, rows=row_ids[order], starts=starts, columns=columns,
                   values=x.values[order], n_columns=x.n_columns)

    def dot(self, dense: Floats) -> Floats:
        out = np.zeros((self.n_columns, dense.shape[1]))
        if len(self.columns):
            terms = self.values[:, None] * dense[self.rows]
            out[self.columns] = np.add.reduceat(terms, self.starts, axis=0)
        return out


@dataclass(slots=True, frozen=True)
class FitSettings:
    """How hard to fit: ``c`` is the inverse penalty, as scikit-learn's ``C``."""

    c: float = 1.0
    max_iter: int = 300
    tol: float = 1e-6  # stop when the objective improves less than this, relatively
    memory: int = 10  # L-BFGS correction pairs


@dataclass(slots=True, frozen=True)
class Fitted:
    """Weights (n_columns, k), bias (k), and how the fit ended."""

    weights: Floats
    bias: Floats
    prior_weight: float  # beta
    loss: float
    iterations: int


def log_softmax(scores: Floats) -> Floats:
    shifted = scores - scores.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def objective(x: SparseRows, y: NDArray[np.int64], prior: Floats, c: float) -> Objective:
    """The penalised mean cross-entropy and its gradient, over flat ``[W, b, beta]``
    vectors; ``prior`` is the (n, k) matrix R."""
    (n, k), d = prior.shape, x.n_columns
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    xt = _Transposer.of(x)
    penalty = 1.0 / (c * n)

    def value(theta: Floats) -> tuple[float, Floats]:
        w, b, beta = theta[: d * k].reshape(d, k), theta[d * k: -1], theta[-1]
        logp = log_softmax(x.dot(w) + b + beta * prior)
        loss = -float((onehot * logp).sum()) / n + 0.5 * penalty * float((w * w).sum())
        residual = (np.exp(logp) - onehot) / n
        grad_w = xt.dot(residual) + penalty * w
        return loss, np.concatenate([grad_w.ravel(), residual.sum(axis=0),
                                     [float((residual * prior).sum())]])

    return value


@dataclass(slots=True)
class _History:
    """The last ``memory`` (step, gradient change) pairs of L-BFGS."""

    memory: int
    steps: list[Floats] = field(default_factory=list)
    changes: list[Floats] = field(default_factory=list)

    def add(self, step: Floats, change: Floats) -> None:
        if float(step @ change) <= 1e-12:  # curvature condition fails: skip the pair
            return
        self.steps.append(step)
        self.changes.append(change)
        if len(self.steps) > self.memory:
            self.steps.pop(0)
            self.changes.pop(0)

    def direction(self, grad: Floats) -> Floats:
        """-H grad by the two-loop recursion."""
        q = grad.copy()
        alphas = []
        for s, y in zip(reversed(self.steps), reversed(self.changes)):
            alpha = float(s @ q) / float(y @ s)
            q -= alpha * y
            alphas.append(alpha)
        if self.steps:
            s, y = self.steps[-1], self.changes[-1]
            q *= float(s @ y) / float(y @ y)
        for (s, y), alpha in zip(zip(self.steps, self.changes), reversed(alphas)):
            q += (alpha - float(y @ q) / float(y @ s)) * s
        return -q


def minimise(fun: Objective, theta: Floats, settings: FitSettings,
             on_step: Callable[[float], None] | None = None) -> tuple[Floats, float, int]:
    """L-BFGS with a backtracking (Armijo) line search; (theta, loss, iterations)."""
    loss, grad = fun(theta)
    history = _History(settings.memory)
    iteration = 0
    for iteration in range(1, settings.max_iter + 1):
        direction = history.direction(grad)
        slope = float(grad @ direction)
        if slope >= 0:  # not a descent direction: restart from the gradient
            history = _History(settings.memory)
            direction, slope = -grad, -float(grad @ grad)
        step, new_loss, new_grad = _line_search(fun, theta, loss, slope, direction)
        if step is None:
            break
        history.add(step, new_grad - grad)
        improved = loss - new_loss
        theta, loss, grad = theta + step, new_loss, new_grad
        if on_step is not None:
            on_step(loss)
        if improved <= settings.tol * max(abs(loss), 1.0):
            break
    return theta, loss, iteration


def _line_search(fun: Objective, theta: Floats, loss: float, slope: float,
                 direction: Floats) -> tuple[Floats | None, float, Floats]:
    rate = 1.0
    for _ in range(30):
        step = rate * direction
        new_loss, new_grad = fun(theta + step)
        if new_loss <= loss + 1e-4 * rate * slope:
            return step, new_loss, new_grad
        rate *= 0.5
    return None, loss, np.zeros_like(theta)


def fit(x: SparseRows, y: NDArray[np.int64], prior: Floats, settings: FitSettings,
        on_step: Callable[[float], None] | None = None) -> Fitted:
    """Weights for ``k`` classes from rows ``x``, class indices ``y`` (0..k-1) and the
    (n, k) ``prior`` (zeros for none)."""
    d, k = x.n_columns, prior.shape[1]
    theta, loss, iterations = minimise(objective(x, y, prior, settings.c),
                                       np.zeros(d * k + k + 1), settings, on_step)
    return Fitted(weights=theta[: d * k].reshape(d, k), bias=theta[d * k: -1],
                  prior_weight=float(theta[-1]), loss=loss, iterations=iterations)


def predict_scores(x: SparseRows, weights: Floats, bias: Floats, prior: Floats | None = None,
                   prior_weight: float = 0.0) -> Floats:
    """Class scores (n, k); the argmax of each row is the prediction."""
    scores = x.dot(weights) + bias
    return scores + prior_weight * prior if prior is not None else scores
