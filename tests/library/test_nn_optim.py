"""Torch.NN and Torch.Optim as a user writes them (Session.run, exact output): `sample` draws Hasktorch's
numbers (PyTorch: torch.manual_seed(0); torch.rand(1, 3) = [0.4963, 0.7682, 0.0885], torch.rand(1) =
[0.1320], scaled to +-0.5774), generic Parameterized over records, lists and tuples, runStep with each
pure optimizer (first steps worked by hand), and a user's own Optimizer instance."""
from __future__ import annotations

W = "w <- makeIndependent (asTensor ([1, 2] :: [Float]))"
SQUARES = "(sumAll (toDependent w * toDependent w))"


def test_sample_linear_draws_hasktorchs_numbers_and_shows_as_hasktorch(run):
    run("manual_seed_L 0")
    run("m <- sample (LinearSpec 3 1)")
    assert run("m") == (["Linear {weight = IndependentTensor {toDependent = Tensor Float [1,3] "
                         "[[-4.3225e-3,  0.3097   , -0.4752   ]]}, bias = IndependentTensor {toDependent = "
                         "Tensor Float [1] [-0.4249   ]}}"], None)
    assert run("linear m (ones' [2, 3])") == (["Tensor Float [2,1] [[-0.5947   ],\n                    "
                                               "[-0.5947   ]]"], None)
    assert run("length (flattenParameters m)") == (["2"], None)


def test_generic_parameters_of_records_lists_and_tuples(run):
    run("data Model = Model {layers :: [Linear], scale :: Float, act :: Tensor -> Tensor} "
        "deriving (Generic, Parameterized)")
    run("a <- sample (LinearSpec 2 2)")
    run("b <- sample (LinearSpec 2 1)")
    run("let model = Model [a, b] 2 relu")
    assert run("map (shape . toDependent) (flattenParameters model)") == (["[[2,2],[2],[1,2],[1]]"], None)
    assert run("map (shape . toDependent) (flattenParameters (a, [b]))") == (["[[2,2],[2],[1,2],[1]]"], None)
    run("let swapped = replaceParameters (a, b) (flattenParameters (b, a))")
    assert run("shape (toDependent (weight (fst swapped)))") == (["[1,2]"], None)
    texts, error = run("replaceParameters a (flattenParameters model)")
    assert "Some parameters in a call to replaceParameters haven't been consumed!" in error


def test_run_step_with_each_optimizer(run):
    run(W)
    run(f"(w1, _) <- runStep w GD {SQUARES} 0.1")
    assert run("w1") == (["IndependentTensor {toDependent = Tensor Float [2] [ 0.8000   ,  1.6000   ]}"], None)
    run(f"(w2, o2) <- runStep w (mkAdam 0 0.9 0.999 [w]) {SQUARES} 0.1")
    assert run("(w2, iter o2)") == (["(IndependentTensor {toDependent = Tensor Float [2] "
                                     "[ 0.9000   ,  1.9000   ]},1)"], None)
    run(f"(_, o3) <- runStep w (GDM 0.9 [zeros' [2]]) {SQUARES} 0.1")
    assert run("o3") == (["GDM {beta = 0.9, momentum = [Tensor Float [2] [ 2.0000   ,  4.0000   ]]}"], None)
    run("(w4, _) <- runStep w (Adagrad [zeros' [2]]) (sumAll (toDependent w)) 0.5")
    assert run("toDependent w4") == (["Tensor Float [2] [ 0.5000   ,  1.5000   ]"], None)
    run(f"(w5, o5) <- runStep w (mkAdamW 0 0.9 0.999 0.5 [w]) {SQUARES} 0.1")
    # AdamW: p - lr (1 + wd p) on the first step: 1 - 0.1 (1 + 0.5) = 0.85, 2 - 0.1 (1 + 1) = 1.8
    assert run("toDependent w5") == (["Tensor Float [2] [ 0.8500   ,  1.8000   ]"], None)


def test_sgd_and_gradients(run):
    run(W)
    assert run("sgd 0.1 [w] [ones' [2]]") == (["[Tensor Float [2] [ 0.9000   ,  1.9000   ]]"], None)
    assert run("grad' (sumAll (toDependent w)) [w]") == (["Gradients [Tensor Float [2] [ 1.0000   ,  1.0000   ]]"],
                                                         None)


def test_a_users_own_optimizer_needs_only_step(run):
    run("data Halve = Halve deriving (Show)")
    run("instance Optimizer Halve where\n"
        "  step lr (Gradients gs) ps o = (zipWith (\\p g -> p - g / 2) ps gs, o)")
    run(W)
    run(f"(w1, o) <- runStep w Halve {SQUARES} 0")
    assert run("(toDependent w1, o)") == (["(Tensor Float [2] [ 0.0000,  0.0000],Halve)"], None)


def test_errors_are_located(run):
    texts, error = run("linear 3 (ones' [2])")
    assert "linear expects a Linear layer as its first argument" in error
    texts, error = run("runStep (Just 1) GD (ones' []) 0.1")
    assert error is not None and "Parameterized" in error


def test_save_params_and_load_params_round_trip(tmp_path):
    from gradbook.engine.language.session import Session

    session = Session(allow_files=True, root=str(tmp_path))

    def run(source):
        result = session.run(source)
        assert result.error is None, result.error.rendered
        return [o.text for o in result.outputs if o.kind == "value"]

    run("manual_seed_L 1")
    run("model <- sample (LinearSpec 3 1)")
    run('saveParams model "linear.npz"')
    run("fresh <- sample (LinearSpec 3 1)")
    run('restored <- loadParams fresh "linear.npz"')
    run("let probe = asTensor [[1, 2, 3 :: Float]]")
    assert run("linear restored probe == linear model probe") == ["True"]
    assert run("linear fresh probe == linear model probe") == ["False"]
    assert (tmp_path / "linear.npz").is_file()
    result = session.run('loadParams fresh "../elsewhere.npz"')
    assert result.error is not None and "loadParams" in result.error.rendered


def test_older_mse_loss_name_takes_the_input_first(run):
    assert run("mse_loss (asTensor ([1, 3] :: [Float])) (ones' [2])") == (["Tensor Float []  2.0000   "], None)


def test_cpp_optimizers_from_default_options(run):
    run(W)
    run("sgd0 <- initOptimizer (def {sgdLr = 0.1} :: SGDOptions) w")
    run(f"(w1, sgd1) <- runStep w sgd0 {SQUARES} 1000")  # libtorch's optimizers ignore runStep's rate
    assert run("toDependent w1") == (["Tensor Float [2] [ 0.8000   ,  1.6000   ]"], None)
    run("adam0 <- initOptimizer (def {adamLr = 0.1} :: AdamOptions) w")
    run(f"(w2, _) <- runStep w adam0 {SQUARES} 0")
    assert run("toDependent w2") == (["Tensor Float [2] [ 0.9000   ,  1.9000   ]"], None)
    assert run("adamBetas (def :: AdamOptions)") == (["(0.9,0.999)"], None)
    assert run("adamwWeightDecay (def :: AdamwOptions)") == (["1.0e-2"], None)
    texts, error = run("initOptimizer def w")
    assert "say which with an annotation, e.g. `(def :: T)`" in error
