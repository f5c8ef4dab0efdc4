<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_PT" sourcelanguage="pt_PT">
<context>
    <name>ChatPlaceholder</name>
    <message>
        <source>Conversar (em preparação)</source>
        <translation>Conversar (em preparação)</translation>
    </message>
    <message>
        <source>Aqui vai fazer perguntas ao modelo afinado e comparar as respostas com as do modelo base, lado a lado, e verificar quantos factos do clube ele já sabe. Esta parte ainda não está disponível nesta versão.</source>
        <translation>Aqui vai fazer perguntas ao modelo afinado e comparar as respostas com as do modelo base, lado a lado, e verificar quantos factos do clube ele já sabe. Esta parte ainda não está disponível nesta versão.</translation>
    </message>
</context>
<context>
    <name>ExportPlaceholder</name>
    <message>
        <source>Exportar (em preparação)</source>
        <translation>Exportar (em preparação)</translation>
    </message>
    <message>
        <source>Aqui vai exportar a afinação para o chatbot do clube: um servidor local ou um programa de linha de comandos, com o guia de integração. Esta parte ainda não está disponível nesta versão.</source>
        <translation>Aqui vai exportar a afinação para o chatbot do clube: um servidor local ou um programa de linha de comandos, com o guia de integração. Esta parte ainda não está disponível nesta versão.</translation>
    </message>
</context>
<context>
    <name>TrainingPlaceholder</name>
    <message>
        <source>Treino (em preparação)</source>
        <translation>Treino (em preparação)</translation>
    </message>
    <message>
        <source>Aqui vai escolher o modelo base e o objetivo (Rápido, Equilibrado ou Especializado), iniciar o treino e acompanhar o erro a descer, com pausa, paragem e retoma a partir do último ponto de gravação. Esta parte ainda não está disponível nesta versão.</source>
        <translation>Aqui vai escolher o modelo base e o objetivo (Rápido, Equilibrado ou Especializado), iniciar o treino e acompanhar o erro a descer, com pausa, paragem e retoma a partir do último ponto de gravação. Esta parte ainda não está disponível nesta versão.</translation>
    </message>
</context>
</TS>
