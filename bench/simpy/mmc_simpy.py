"""M/M/c in SimPy: the model Passage's simulator is benchmarked against.

c = 4 identical servers, one FIFO queue, Poisson arrivals at lambda = 3.2 per time unit,
exponential service at mu = 1.0 per server (load 0.8). One SimPy process per customer and
a simpy.Resource, as a SimPy user would write it. Draws come from random.Random(seed).

run(customers, seed) returns (wall seconds of env.run(), mean wait in queue, P(wait)).
"""
import random
import time

import simpy

C, LAMBDA, MU = 4, 3.2, 1.0


def run(customers, seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=C)
    totals = {"served": 0, "wait": 0.0, "delayed": 0}

    def customer():
        arrived = env.now
        with servers.request() as request:
            yield request
            wait = env.now - arrived
            totals["wait"] += wait
            totals["delayed"] += wait > 0
            totals["served"] += 1
            yield env.timeout(rng.expovariate(MU))

    def source():
        for _ in range(customers):
            yield env.timeout(rng.expovariate(LAMBDA))
            env.process(customer())

    env.process(source())
    start = time.perf_counter()
    env.run()
    wall = time.perf_counter() - start
    served = totals["served"]
    return wall, totals["wait"] / served, totals["delayed"] / served
